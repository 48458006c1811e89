using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Great.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PhoneIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PhoneId",
                table: "LessonDeliveries",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_LessonDeliveries_PhoneId",
                table: "LessonDeliveries",
                column: "PhoneId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LessonDeliveries_PhoneId",
                table: "LessonDeliveries");

            migrationBuilder.DropColumn(
                name: "PhoneId",
                table: "LessonDeliveries");
        }
    }
}
