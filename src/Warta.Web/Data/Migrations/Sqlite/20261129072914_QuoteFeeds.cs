using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warta.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    IntervalSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowPrivateAddresses = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordsPath = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SymbolField = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ValueField = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TimeField = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PreviousCloseField = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Delimiter = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    HasHeader = table.Column<bool>(type: "INTEGER", nullable: false),
                    DecimalMark = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ThousandsMark = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    TimeFormat = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TimePattern = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    SymbolMap = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Symbols = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NextDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSuccessAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    LastQuoteCount = table.Column<int>(type: "INTEGER", nullable: true)
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
