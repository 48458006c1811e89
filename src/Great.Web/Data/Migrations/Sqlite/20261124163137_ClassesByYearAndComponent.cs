using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Great.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClassesByYearAndComponent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Classes_SchoolYear_ComponentCode_Status_InstructorId",
                table: "Classes",
                columns: new[] { "SchoolYear", "ComponentCode", "Status", "InstructorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Classes_SchoolYear_ComponentCode_Status_InstructorId",
                table: "Classes");
        }
    }
}
