using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Great.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LessonRecording : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SubstituteInstructorId",
                table: "Classes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Classes_SubstituteInstructorId",
                table: "Classes",
                column: "SubstituteInstructorId");

            migrationBuilder.AddForeignKey(
                name: "FK_Classes_Instructors_SubstituteInstructorId",
                table: "Classes",
                column: "SubstituteInstructorId",
                principalTable: "Instructors",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Classes_Instructors_SubstituteInstructorId",
                table: "Classes");

            migrationBuilder.DropIndex(
                name: "IX_Classes_SubstituteInstructorId",
                table: "Classes");

            migrationBuilder.DropColumn(
                name: "SubstituteInstructorId",
                table: "Classes");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "AuditEntries");
        }
    }
}
