using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Great.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RosterSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "RosterImports",
                type: "TEXT",
                maxLength: 450,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 450);

            migrationBuilder.CreateTable(
                name: "RosterConnections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    TokenUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RosterConnections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RosterConnections_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RosterConnectionSchools",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConnectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgSourcedId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrgName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SyncedFrom = table.Column<long>(type: "INTEGER", nullable: true),
                    SkippedClasses = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RosterConnectionSchools", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RosterConnectionSchools_RosterConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "RosterConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RosterConnectionSchools_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RosterSyncRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConnectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<int>(type: "INTEGER", nullable: true),
                    Trigger = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Delta = table.Column<bool>(type: "INTEGER", nullable: false),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Changed = table.Column<int>(type: "INTEGER", nullable: false),
                    Withdrawn = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RosterSyncRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RosterSyncRuns_RosterConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "RosterConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RosterConnections_RegionId",
                table: "RosterConnections",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_RosterConnectionSchools_ConnectionId_OrgSourcedId",
                table: "RosterConnectionSchools",
                columns: new[] { "ConnectionId", "OrgSourcedId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RosterConnectionSchools_SchoolId",
                table: "RosterConnectionSchools",
                column: "SchoolId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RosterSyncRuns_ConnectionId_StartedAt",
                table: "RosterSyncRuns",
                columns: new[] { "ConnectionId", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RosterConnectionSchools");

            migrationBuilder.DropTable(
                name: "RosterSyncRuns");

            migrationBuilder.DropTable(
                name: "RosterConnections");

            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "RosterImports",
                type: "TEXT",
                maxLength: 450,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 450,
                oldNullable: true);
        }
    }
}
