using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warta.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MarketsHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QuoteMinutes",
                columns: table => new
                {
                    InstrumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Minute = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    PreviousClose = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuoteMinutes", x => new { x.InstrumentId, x.Minute });
                    table.ForeignKey(
                        name: "FK_QuoteMinutes_Instruments_InstrumentId",
                        column: x => x.InstrumentId,
                        principalTable: "Instruments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every stored quote moves into its minute; where one minute held several, the latest by time stays.
            migrationBuilder.Sql("""
                INSERT INTO "QuoteMinutes" ("InstrumentId", "Minute", "At", "Value", "PreviousClose")
                SELECT q."InstrumentId", q."At" - q."At" % 600000000, q."At", q."Value", q."PreviousClose" FROM "Quotes" q
                WHERE NOT EXISTS (SELECT 1 FROM "Quotes" r WHERE r."InstrumentId" = q."InstrumentId"
                    AND r."At" - r."At" % 600000000 = q."At" - q."At" % 600000000 AND r."At" > q."At")
                """);

            migrationBuilder.DropTable(
                name: "Quotes");

            migrationBuilder.AddColumn<string>(
                name: "Calendar",
                table: "Instruments",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Daily");

            migrationBuilder.AddColumn<decimal>(
                name: "JumpHoldPercent",
                table: "Instruments",
                type: "TEXT",
                precision: 9,
                scale: 4,
                nullable: false,
                defaultValue: 25m);

            migrationBuilder.AddColumn<int>(
                name: "JumpWindowMinutes",
                table: "Instruments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "StaleAfterMinutes",
                table: "Instruments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.Sql("""UPDATE "Instruments" SET "Calendar" = CASE "Kind" WHEN 'Index' THEN 'Idx' WHEN 'Fx' THEN 'Continuous' ELSE 'Daily' END""");
            migrationBuilder.Sql("""UPDATE "Instruments" SET "StaleAfterMinutes" = 1560 WHERE "Calendar" = 'Daily'""");

            migrationBuilder.CreateTable(
                name: "DailyBars",
                columns: table => new
                {
                    InstrumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Open = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    High = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Low = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Close = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    OpenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CloseAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyBars", x => new { x.InstrumentId, x.Day });
                    table.ForeignKey(
                        name: "FK_DailyBars_Instruments_InstrumentId",
                        column: x => x.InstrumentId,
                        principalTable: "Instruments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HeldQuotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InstrumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    PreviousClose = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    Reference = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    ReferenceAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HeldAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HeldQuotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HeldQuotes_Instruments_InstrumentId",
                        column: x => x.InstrumentId,
                        principalTable: "Instruments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MarketHolidays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketHolidays", x => x.Day);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuoteMinutes_Minute",
                table: "QuoteMinutes",
                column: "Minute");

            migrationBuilder.CreateIndex(
                name: "IX_HeldQuotes_InstrumentId_At",
                table: "HeldQuotes",
                columns: new[] { "InstrumentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_HeldQuotes_Status_HeldAt",
                table: "HeldQuotes",
                columns: new[] { "Status", "HeldAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyBars");

            migrationBuilder.DropTable(
                name: "HeldQuotes");

            migrationBuilder.DropTable(
                name: "MarketHolidays");

            migrationBuilder.CreateTable(
                name: "Quotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InstrumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    PreviousClose = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Quotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Quotes_Instruments_InstrumentId",
                        column: x => x.InstrumentId,
                        principalTable: "Instruments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_InstrumentId_At",
                table: "Quotes",
                columns: new[] { "InstrumentId", "At" },
                unique: true);

            migrationBuilder.Sql("""
                INSERT INTO "Quotes" ("InstrumentId", "At", "Value", "PreviousClose")
                SELECT "InstrumentId", "At", "Value", "PreviousClose" FROM "QuoteMinutes"
                """);

            migrationBuilder.DropTable(
                name: "QuoteMinutes");

            migrationBuilder.DropColumn(
                name: "Calendar",
                table: "Instruments");

            migrationBuilder.DropColumn(
                name: "JumpHoldPercent",
                table: "Instruments");

            migrationBuilder.DropColumn(
                name: "JumpWindowMinutes",
                table: "Instruments");

            migrationBuilder.DropColumn(
                name: "StaleAfterMinutes",
                table: "Instruments");
        }
    }
}
