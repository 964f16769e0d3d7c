import { handleUpload } from "../upload-server";

// tus 1.0.0 (creation, termination). GET /api/uploads?ids=a,b,c gives what became of those uploads'
// files (JSON), once Carrier has checked them; uploads are never read back.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handle = (request: Request) => handleUpload(request);

export { handle as GET, handle as POST, handle as PATCH, handle as HEAD, handle as DELETE, handle as OPTIONS };
