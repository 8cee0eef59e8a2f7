import { NextResponse } from "next/server";
import { getDatabase } from "@/lib/db";
import { latestMigration } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const database = await getDatabase();
    await database.executeSql("select 1");
    const migration = await latestMigration(database.db);
    return NextResponse.json({
      status: "ok",
      database: { driver: database.driver, reachable: true, migration },
    });
  } catch (error) {
    return NextResponse.json(
      { status: "unavailable", database: { reachable: false, error: (error as Error).message } },
      { status: 503 },
    );
  }
}
