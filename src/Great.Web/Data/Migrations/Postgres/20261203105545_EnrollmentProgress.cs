using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Great.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EnrollmentProgress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "HighestLessonAttended",
                table: "Enrollments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "LessonsAttended",
                table: "Enrollments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Progress of the enrolments already recorded, counted once from their marks.
            migrationBuilder.Sql(global::Great.Web.Data.EnrollmentProgress.RebuildSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HighestLessonAttended",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "LessonsAttended",
                table: "Enrollments");
        }
    }
}
