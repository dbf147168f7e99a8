using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warta.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StoryListAndCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ListedAt",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Existing stories take their place in the list: the publication time, else the creation time (both stored as UTC ticks).
            migrationBuilder.Sql("UPDATE \"Articles\" SET \"ListedAt\" = COALESCE(\"PublishedAt\", \"CreatedAt\");");

            migrationBuilder.CreateTable(
                name: "ArticleCorrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArticleCorrections_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_ListedAt_Slug",
                table: "Articles",
                columns: new[] { "ListedAt", "Slug" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleCorrections_ArticleId_At",
                table: "ArticleCorrections",
                columns: new[] { "ArticleId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticleCorrections");

            migrationBuilder.DropIndex(
                name: "IX_Articles_ListedAt_Slug",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "ListedAt",
                table: "Articles");
        }
    }
}
