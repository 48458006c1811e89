using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Great.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FamiliesAndPlaces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "Schools",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AdultsReached",
                table: "ReachRollups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FamiliesCompleted",
                table: "ReachRollups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FamiliesEnrolled",
                table: "ReachRollups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FamiliesReached",
                table: "ReachRollups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "YouthReached",
                table: "ReachRollups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "HouseholdId",
                table: "Enrollments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsLinked",
                table: "Enrollments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Role",
                table: "Enrollments",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Households",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClassId = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Households", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Households_Classes_ClassId",
                        column: x => x.ClassId,
                        principalTable: "Classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Enrollments_HouseholdId",
                table: "Enrollments",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Households_ClassId_Label",
                table: "Households",
                columns: new[] { "ClassId", "Label" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Enrollments_Households_HouseholdId",
                table: "Enrollments",
                column: "HouseholdId",
                principalTable: "Households",
                principalColumn: "Id");

            // Community sites become places beside the schools (ADR-008): each keeps its region, municipality, name and
            // kind (shifted by one: School is kind 0) and gets the code SITE-<old id>; coordinators keep the same places.
            migrationBuilder.Sql("""
                INSERT INTO "Schools" ("RegionId", "Municipality", "Name", "Code", "Kind")
                SELECT "RegionId", "Municipality", "Name", 'SITE-' || CAST("Id" AS VARCHAR(12)), "Kind" + 1 FROM "CommunitySites"
                """);
            migrationBuilder.Sql("""
                INSERT INTO "UserSchools" ("UserId", "SchoolId")
                SELECT u."UserId", s."Id" FROM "UserSites" u
                JOIN "CommunitySites" c ON c."Id" = u."SiteId"
                JOIN "Schools" s ON s."RegionId" = c."RegionId" AND s."Code" = 'SITE-' || CAST(c."Id" AS VARCHAR(12))
                """);

            migrationBuilder.DropTable(
                name: "UserSites");

            migrationBuilder.DropTable(
                name: "CommunitySites");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Enrollments_Households_HouseholdId",
                table: "Enrollments");

            migrationBuilder.DropTable(
                name: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Enrollments_HouseholdId",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Schools");

            migrationBuilder.DropColumn(
                name: "AdultsReached",
                table: "ReachRollups");

            migrationBuilder.DropColumn(
                name: "FamiliesCompleted",
                table: "ReachRollups");

            migrationBuilder.DropColumn(
                name: "FamiliesEnrolled",
                table: "ReachRollups");

            migrationBuilder.DropColumn(
                name: "FamiliesReached",
                table: "ReachRollups");

            migrationBuilder.DropColumn(
                name: "YouthReached",
                table: "ReachRollups");

            migrationBuilder.DropColumn(
                name: "HouseholdId",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "IsLinked",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "Enrollments");

            migrationBuilder.CreateTable(
                name: "CommunitySites",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Municipality = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunitySites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommunitySites_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UserSites",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSites", x => new { x.UserId, x.SiteId });
                    table.ForeignKey(
                        name: "FK_UserSites_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UserSites_CommunitySites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "CommunitySites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommunitySites_RegionId_Municipality_Name",
                table: "CommunitySites",
                columns: new[] { "RegionId", "Municipality", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UserSites_SiteId",
                table: "UserSites",
                column: "SiteId");
        }
    }
}
