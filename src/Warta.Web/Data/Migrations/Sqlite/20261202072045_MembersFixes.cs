using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warta.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MembersFixes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PaidWaitingMailedAt",
                table: "Registrations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PaidWaitingSince",
                table: "Registrations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "GatewayAttempts",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "GatewayOrderId",
                table: "Orders",
                type: "TEXT",
                maxLength: 60,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PaidWaitingMailedAt",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "PaidWaitingSince",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "GatewayAttempts",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "GatewayOrderId",
                table: "Orders");
        }
    }
}
