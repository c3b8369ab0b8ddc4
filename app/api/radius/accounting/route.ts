// FreeRADIUS rlm_rest → campusnet (accounting). See modules/radius/http.ts and deploy/freeradius/.
import { radiusRoute } from "@/modules/radius/http";

export const POST = radiusRoute("accounting");
