using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Great.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportPack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "FirstLessonOn",
                table: "ReachRollups",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CancelledOn",
                table: "Classes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Classes",
                type: "TEXT",
                maxLength: 2,
                nullable: false,
                defaultValue: "en");

            // Classes already there: workbooks in their region's language; a class cancelled before cancellations were dated
            // counts as cancelled on its latest lesson or, never taught, on its first planned one.
            migrationBuilder.Sql("""
                UPDATE "Classes" SET "Language" = (SELECT r."DefaultCulture" FROM "Schools" s JOIN "Regions" r ON r."Id" = s."RegionId" WHERE s."Id" = "Classes"."SchoolId");
                UPDATE "Classes" SET "CancelledOn" = COALESCE(
                    (SELECT MAX(d."TaughtOn") FROM "LessonDeliveries" d WHERE d."ClassId" = "Classes"."Id"),
                    (SELECT MIN(p."PlannedOn") FROM "PlannedLessons" p WHERE p."ClassId" = "Classes"."Id"))
                WHERE "Status" = 3;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_LessonDeliveries_TaughtOn_ClassId_InstructorId",
                table: "LessonDeliveries",
                columns: new[] { "TaughtOn", "ClassId", "InstructorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LessonDeliveries_TaughtOn_ClassId_InstructorId",
                table: "LessonDeliveries");

            migrationBuilder.DropColumn(
                name: "FirstLessonOn",
                table: "ReachRollups");

            migrationBuilder.DropColumn(
                name: "CancelledOn",
                table: "Classes");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Classes");
        }
    }
}
