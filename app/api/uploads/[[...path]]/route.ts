import { handleUpload } from "../upload-server";

// tus 1.0.0 (creation, termination, expiration). No GET: uploads are never read back from here.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handle = (request: Request) => handleUpload(request);

export { handle as POST, handle as PATCH, handle as HEAD, handle as DELETE, handle as OPTIONS };
