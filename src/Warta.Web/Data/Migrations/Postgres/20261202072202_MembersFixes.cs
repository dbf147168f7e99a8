using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warta.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MembersFixes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PaidWaitingMailedAt",
                table: "Registrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PaidWaitingSince",
                table: "Registrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "GatewayAttempts",
                table: "Orders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "GatewayOrderId",
                table: "Orders",
                type: "character varying(60)",
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
