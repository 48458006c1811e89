using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Great.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RollupRequestsAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_RollupRequests",
                table: "RollupRequests");

            migrationBuilder.AddColumn<long>(
                name: "Id",
                table: "RollupRequests",
                type: "bigint",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddPrimaryKey(
                name: "PK_RollupRequests",
                table: "RollupRequests",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_RollupRequests_SchoolId",
                table: "RollupRequests",
                column: "SchoolId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_RollupRequests",
                table: "RollupRequests");

            migrationBuilder.DropIndex(
                name: "IX_RollupRequests_SchoolId",
                table: "RollupRequests");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "RollupRequests");

            migrationBuilder.AddPrimaryKey(
                name: "PK_RollupRequests",
                table: "RollupRequests",
                column: "SchoolId");
        }
    }
}
