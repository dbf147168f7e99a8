using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Warta.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QuoteFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QuoteFeeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Format = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    IntervalSeconds = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    AllowPrivateAddresses = table.Column<bool>(type: "boolean", nullable: false),
                    RecordsPath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SymbolField = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ValueField = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TimeField = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PreviousCloseField = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Delimiter = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    HasHeader = table.Column<bool>(type: "boolean", nullable: false),
                    DecimalMark = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ThousandsMark = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    TimeFormat = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TimePattern = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    SymbolMap = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Symbols = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    NextDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastSuccessAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "integer", nullable: false),
                    LastQuoteCount = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuoteFeeds", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuoteFeeds_Name",
                table: "QuoteFeeds",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuoteFeeds_NextDueAt",
                table: "QuoteFeeds",
                column: "NextDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuoteFeeds");
        }
    }
}
