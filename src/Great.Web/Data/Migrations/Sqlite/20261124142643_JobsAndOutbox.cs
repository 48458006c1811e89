using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Great.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JobsAndOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReminderOptOuts",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "RollupRequests",
                columns: table => new
                {
                    SchoolId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupRequests", x => x.SchoolId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RollupRequests");

            migrationBuilder.DropColumn(
                name: "ReminderOptOuts",
                table: "AspNetUsers");
        }
    }
}
