// How a system presents its key: the address, and the two ways of sending the key (lib/api-keys/
// authorization-header.ts is what reads them).
export function ConnectionHelp({ dicomwebUrl }: { dicomwebUrl: string }) {
  const orthanc = JSON.stringify({ DicomWeb: { Servers: { carrier: { Url: `${dicomwebUrl}/`, Username: "carrier_1a2b3c4d", Password: "carrier_1a2b3c4d_…" } } } }, null, 2);
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <dl className="flex flex-col gap-4">
        <div>
          <dt className="font-semibold">DICOMweb address</dt>
          <dd>
            <code className="font-mono break-all">{dicomwebUrl}</code>
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Systems that send a token</dt>
          <dd>
            Send the key in the header <code className="font-mono break-all">Authorization: Bearer carrier_…</code>
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Systems that send only a user name and password, like Orthanc</dt>
          <dd>
            Put the key in as the password. Carrier does not check the user name: put the start of the key there (shown as “Key starts with” below), so the system&rsquo;s settings tell
            you later which key it has.
          </dd>
        </div>
      </dl>
      <div className="flex flex-col gap-1.5">
        <p className="font-semibold">For example, in Orthanc&rsquo;s configuration</p>
        <pre className="rounded-lg border border-line bg-surface p-3 font-mono text-sm break-all whitespace-pre-wrap">{orthanc}</pre>
      </div>
    </div>
  );
}
