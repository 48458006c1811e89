using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Great.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FidelityAndCommunitySites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActivitiesDone",
                table: "LessonDeliveries",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ActivitiesDoneCount",
                table: "LessonDeliveries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ActivitiesPlanned",
                table: "LessonDeliveries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinutesPlanned",
                table: "LessonDeliveries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinutesTaught",
                table: "LessonDeliveries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "MentorAssignedOn",
                table: "Certifications",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MentorId",
                table: "Certifications",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "MentoredOn",
                table: "Certifications",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RequiresMentoring",
                table: "Certifications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SignOffObservationId",
                table: "Certifications",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CommunitySites",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Municipality = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false)
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
                name: "FidelityRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    ScopeId = table.Column<int>(type: "integer", nullable: false),
                    Municipality = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SchoolYear = table.Column<int>(type: "integer", nullable: false),
                    ComponentCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Lessons = table.Column<int>(type: "integer", nullable: false),
                    LessonsWithDosage = table.Column<int>(type: "integer", nullable: false),
                    AdherenceSum = table.Column<double>(type: "double precision", nullable: false),
                    MinutesTaught = table.Column<long>(type: "bigint", nullable: false),
                    MinutesPlanned = table.Column<long>(type: "bigint", nullable: false),
                    Observations = table.Column<int>(type: "integer", nullable: false),
                    ObservationsPassed = table.Column<int>(type: "integer", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FidelityRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Observations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeliveryId = table.Column<int>(type: "integer", nullable: false),
                    ObservedInstructorId = table.Column<int>(type: "integer", nullable: false),
                    ObserverInstructorId = table.Column<int>(type: "integer", nullable: true),
                    ObserverUserId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ObserverName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ObservedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ActivitiesSeen = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ActivitiesPlanned = table.Column<int>(type: "integer", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Preparation = table.Column<int>(type: "integer", nullable: false),
                    Engagement = table.Column<int>(type: "integer", nullable: false),
                    ClassroomManagement = table.Column<int>(type: "integer", nullable: false),
                    ContentAccuracy = table.Column<int>(type: "integer", nullable: false),
                    Strengths = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Suggestions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Observations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Observations_Instructors_ObservedInstructorId",
                        column: x => x.ObservedInstructorId,
                        principalTable: "Instructors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Observations_Instructors_ObserverInstructorId",
                        column: x => x.ObserverInstructorId,
                        principalTable: "Instructors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Observations_LessonDeliveries_DeliveryId",
                        column: x => x.DeliveryId,
                        principalTable: "LessonDeliveries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "IX_Certifications_MentorId",
                table: "Certifications",
                column: "MentorId");

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_SignOffObservationId",
                table: "Certifications",
                column: "SignOffObservationId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunitySites_RegionId_Municipality_Name",
                table: "CommunitySites",
                columns: new[] { "RegionId", "Municipality", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FidelityRollups_Level_ScopeId_Municipality_SchoolYear_Compo~",
                table: "FidelityRollups",
                columns: new[] { "Level", "ScopeId", "Municipality", "SchoolYear", "ComponentCode", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Observations_DeliveryId",
                table: "Observations",
                column: "DeliveryId");

            migrationBuilder.CreateIndex(
                name: "IX_Observations_ObservedInstructorId",
                table: "Observations",
                column: "ObservedInstructorId");

            migrationBuilder.CreateIndex(
                name: "IX_Observations_ObserverInstructorId",
                table: "Observations",
                column: "ObserverInstructorId");

            migrationBuilder.CreateIndex(
                name: "IX_UserSites_SiteId",
                table: "UserSites",
                column: "SiteId");

            migrationBuilder.AddForeignKey(
                name: "FK_Certifications_Instructors_MentorId",
                table: "Certifications",
                column: "MentorId",
                principalTable: "Instructors",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Certifications_Observations_SignOffObservationId",
                table: "Certifications",
                column: "SignOffObservationId",
                principalTable: "Observations",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Certifications_Instructors_MentorId",
                table: "Certifications");

            migrationBuilder.DropForeignKey(
                name: "FK_Certifications_Observations_SignOffObservationId",
                table: "Certifications");

            migrationBuilder.DropTable(
                name: "FidelityRollups");

            migrationBuilder.DropTable(
                name: "Observations");

            migrationBuilder.DropTable(
                name: "UserSites");

            migrationBuilder.DropTable(
                name: "CommunitySites");

            migrationBuilder.DropIndex(
                name: "IX_Certifications_MentorId",
                table: "Certifications");

            migrationBuilder.DropIndex(
                name: "IX_Certifications_SignOffObservationId",
                table: "Certifications");

            migrationBuilder.DropColumn(
                name: "ActivitiesDone",
                table: "LessonDeliveries");

            migrationBuilder.DropColumn(
                name: "ActivitiesDoneCount",
                table: "LessonDeliveries");

            migrationBuilder.DropColumn(
                name: "ActivitiesPlanned",
                table: "LessonDeliveries");

            migrationBuilder.DropColumn(
                name: "MinutesPlanned",
                table: "LessonDeliveries");

            migrationBuilder.DropColumn(
                name: "MinutesTaught",
                table: "LessonDeliveries");

            migrationBuilder.DropColumn(
                name: "MentorAssignedOn",
                table: "Certifications");

            migrationBuilder.DropColumn(
                name: "MentorId",
                table: "Certifications");

            migrationBuilder.DropColumn(
                name: "MentoredOn",
                table: "Certifications");

            migrationBuilder.DropColumn(
                name: "RequiresMentoring",
                table: "Certifications");

            migrationBuilder.DropColumn(
                name: "SignOffObservationId",
                table: "Certifications");
        }
    }
}
