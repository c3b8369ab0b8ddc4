// FreeRADIUS rlm_rest → campusnet (authenticate). See modules/radius/http.ts and deploy/freeradius/.
import { radiusRoute } from "@/modules/radius/http";

export const POST = radiusRoute("authenticate");
