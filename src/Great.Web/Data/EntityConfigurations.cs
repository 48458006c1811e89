using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> e)
    {
        e.Property(x => x.Name).HasMaxLength(FieldLengths.ShortName);
        e.Property(x => x.CountryCode).HasMaxLength(2);
        e.Property(x => x.TimeZone).HasMaxLength(64);
        e.Property(x => x.DefaultCulture).HasMaxLength(8);
        e.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> e)
    {
        e.Property(x => x.Name).HasMaxLength(FieldLengths.Name);
        e.Property(x => x.Municipality).HasMaxLength(FieldLengths.ShortName);
        e.Property(x => x.Code).HasMaxLength(FieldLengths.Code);
        e.HasIndex(x => new { x.RegionId, x.Code }).IsUnique();
        e.HasIndex(x => new { x.RegionId, x.Municipality });
        e.HasOne(x => x.Region).WithMany(x => x.Schools).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> e)
    {
        e.Property(x => x.Name).HasMaxLength(FieldLengths.Name);
        e.HasIndex(x => new { x.RegionId, x.Name }).IsUnique();
        e.HasOne(x => x.Region).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InstructorConfiguration : IEntityTypeConfiguration<Instructor>
{
    public void Configure(EntityTypeBuilder<Instructor> e)
    {
        e.Property(x => x.GivenName).HasMaxLength(FieldLengths.ShortName);
        e.Property(x => x.FamilyName).HasMaxLength(FieldLengths.ShortName);
        e.Property(x => x.BadgeNumber).HasMaxLength(FieldLengths.Code);
        e.Property(x => x.Email).HasMaxLength(FieldLengths.Email);
        e.Property(x => x.Phone).HasMaxLength(FieldLengths.Code);
        e.Property(x => x.Culture).HasMaxLength(8);
        e.HasIndex(x => new { x.AgencyId, x.BadgeNumber }).IsUnique();
        e.Property(x => x.CalendarToken).HasMaxLength(64);
        e.HasIndex(x => x.CalendarToken).IsUnique();
        e.HasOne(x => x.Agency).WithMany().OnDelete(DeleteBehavior.Restrict);
        e.Ignore(x => x.FullName);
    }
}

internal sealed class CertificationConfiguration : IEntityTypeConfiguration<Certification>
{
    public void Configure(EntityTypeBuilder<Certification> e)
    {
        e.Property(x => x.ComponentCode).HasMaxLength(FieldLengths.Label);
        e.Property(x => x.SuspensionReason).HasMaxLength(FieldLengths.Reason);
        e.Property(x => x.RevocationReason).HasMaxLength(FieldLengths.Reason);
        e.HasOne(x => x.Training).WithMany().OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => new { x.InstructorId, x.ComponentCode });
        e.HasIndex(x => x.ExpiresOn);
        e.HasOne(x => x.Instructor).WithMany(x => x.Certifications).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Mentor).WithMany().HasForeignKey(x => x.MentorId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.SignOffObservation).WithMany().HasForeignKey(x => x.SignOffObservationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ObservationConfiguration : IEntityTypeConfiguration<Observation>
{
    public void Configure(EntityTypeBuilder<Observation> e)
    {
        e.Property(x => x.ObserverUserId).HasMaxLength(FieldLengths.Email);
        e.Property(x => x.ObserverName).HasMaxLength(FieldLengths.Name);
        e.Property(x => x.ActivitiesSeen).HasMaxLength(FieldLengths.Label * 2);
        e.Property(x => x.Strengths).HasMaxLength(FieldLengths.Notes);
        e.Property(x => x.Suggestions).HasMaxLength(FieldLengths.Notes);
        e.Ignore(x => x.ActivityNumbersSeen);
        e.HasIndex(x => x.ObservedInstructorId);
        e.HasIndex(x => x.ObserverInstructorId);
        e.HasOne(x => x.Delivery).WithMany(x => x.Observations).HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.ObservedInstructor).WithMany().HasForeignKey(x => x.ObservedInstructorId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.ObserverInstructor).WithMany().HasForeignKey(x => x.ObserverInstructorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainingConfiguration : IEntityTypeConfiguration<Training>
{
    public void Configure(EntityTypeBuilder<Training> e)
    {
        e.Property(x => x.Place).HasMaxLength(FieldLengths.Name);
        e.Property(x => x.Trainers).HasMaxLength(FieldLengths.Reason);
        e.HasIndex(x => x.InstructorId);
        e.HasOne(x => x.Instructor).WithMany(x => x.Trainings).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SchoolClassConfiguration : IEntityTypeConfiguration<SchoolClass>
{
    public void Configure(EntityTypeBuilder<SchoolClass> e)
    {
        e.ToTable("Classes");
        e.Property(x => x.ComponentCode).HasMaxLength(FieldLengths.Label);
        e.Property(x => x.Edition).HasMaxLength(FieldLengths.Label);
        e.Property(x => x.Grade).HasMaxLength(FieldLengths.Label);
        e.Property(x => x.Section).HasMaxLength(FieldLengths.Label);
        e.Property(x => x.ClassroomTeacher).HasMaxLength(FieldLengths.Name);
        e.Property(x => x.SourcedId).HasMaxLength(255);
        e.Property(x => x.Language).HasMaxLength(2).HasDefaultValue("en");
        e.HasIndex(x => new { x.SchoolId, x.SchoolYear });
        e.HasIndex(x => new { x.InstructorId, x.SchoolYear });
        // The roll-up counts instructors per school year and component across the programme from this index alone.
        e.HasIndex(x => new { x.SchoolYear, x.ComponentCode, x.Status, x.InstructorId });
        e.HasIndex(x => new { x.SchoolId, x.SourcedId });
        e.HasOne(x => x.School).WithMany(x => x.Classes).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Instructor).WithMany().OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.SubstituteInstructor).WithMany().OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.SubstituteInstructorId);
        e.Ignore(x => x.DisplayName);
        e.Ignore(x => x.StartsOn);
    }
}

internal sealed class PlannedLessonConfiguration : IEntityTypeConfiguration<PlannedLesson>
{
    public void Configure(EntityTypeBuilder<PlannedLesson> e)
    {
        e.HasIndex(x => new { x.ClassId, x.LessonNumber }).IsUnique();
        e.HasIndex(x => x.PlannedOn);
        e.HasOne(x => x.Class).WithMany(x => x.PlannedLessons).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StudentConfiguration : IEntityTypeConfiguration<Student>
{
    public void Configure(EntityTypeBuilder<Student> e)
    {
        e.Property(x => x.GivenName).HasMaxLength(FieldLengths.ShortName);
        e.Property(x => x.FamilyInitial).HasMaxLength(4);
        e.Property(x => x.LocalId).HasMaxLength(FieldLengths.LocalId);
        e.Property(x => x.SourcedId).HasMaxLength(255);
        e.HasIndex(x => new { x.SchoolId, x.LocalId });
        e.HasIndex(x => new { x.SchoolId, x.SourcedId });
        e.HasOne(x => x.School).WithMany().OnDelete(DeleteBehavior.Restrict);
        e.Ignore(x => x.DisplayName);
        e.HasIndex(x => x.PseudonymisedAt);
        e.Ignore(x => x.IsPseudonymised);
        e.Ignore(x => x.ChangeReason);
    }
}

internal sealed class StudentConsentConfiguration : IEntityTypeConfiguration<StudentConsent>
{
    public void Configure(EntityTypeBuilder<StudentConsent> e)
    {
        e.HasIndex(x => new { x.StudentId, x.Kind }).IsUnique();
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(FieldLengths.Label);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(FieldLengths.Label);
        e.Property(x => x.RecordedBy).HasMaxLength(FieldLengths.Name);
        e.HasOne(x => x.Student).WithMany(x => x.Consents).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RetentionHoldConfiguration : IEntityTypeConfiguration<RetentionHold>
{
    public void Configure(EntityTypeBuilder<RetentionHold> e)
    {
        e.HasIndex(x => x.SchoolId).IsUnique();
        e.Property(x => x.Reason).HasMaxLength(FieldLengths.Reason);
        e.Property(x => x.HeldBy).HasMaxLength(FieldLengths.Name);
        e.HasOne(x => x.School).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubjectRequestConfiguration : IEntityTypeConfiguration<SubjectRequest>
{
    public void Configure(EntityTypeBuilder<SubjectRequest> e)
    {
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(FieldLengths.Label);
        e.Property(x => x.Details).HasMaxLength(FieldLengths.Reason);
        e.Property(x => x.Outcome).HasMaxLength(FieldLengths.Reason);
        e.Property(x => x.RecordedBy).HasMaxLength(FieldLengths.Name);
        e.HasIndex(x => x.ClosedOn);
        e.HasIndex(x => x.StudentId);
        e.HasOne(x => x.Student).WithMany().OnDelete(DeleteBehavior.Restrict);
        e.Ignore(x => x.IsOpen);
    }
}

internal sealed class NameAccessConfiguration : IEntityTypeConfiguration<NameAccess>
{
    public void Configure(EntityTypeBuilder<NameAccess> e)
    {
        e.Property(x => x.UserName).HasMaxLength(FieldLengths.Email);
        e.Property(x => x.View).HasConversion<string>().HasMaxLength(FieldLengths.Label);
        e.HasIndex(x => x.At);
        e.HasIndex(x => x.ClassId);
        e.HasIndex(x => x.StudentId);
    }
}

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> e)
    {
        e.HasIndex(x => new { x.ClassId, x.StudentId }).IsUnique();
        e.HasIndex(x => x.StudentId);
        e.HasOne(x => x.Class).WithMany(x => x.Enrollments).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Student).WithMany().OnDelete(DeleteBehavior.Restrict);
        // Checked at the end of the statement: a class's deletion takes its households and their members together.
        e.HasOne(x => x.Household).WithMany(x => x.Members).HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(x => x.HouseholdId);
        e.Ignore(x => x.IsActive);
        e.Ignore(x => x.IsHouseholdMember);
    }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> e)
    {
        e.Property(x => x.Label).HasMaxLength(Household.LabelLength);
        e.HasIndex(x => new { x.ClassId, x.Label }).IsUnique();
        e.HasOne(x => x.Class).WithMany(x => x.Households).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LessonDeliveryConfiguration : IEntityTypeConfiguration<LessonDelivery>
{
    public void Configure(EntityTypeBuilder<LessonDelivery> e)
    {
        e.Property(x => x.Notes).HasMaxLength(FieldLengths.Notes);
        e.Ignore(x => x.ChangeReason);
        // A lesson is recorded at most once per class.
        e.HasIndex(x => new { x.ClassId, x.LessonNumber }).IsUnique();
        // A record sent twice from a phone is one record.
        e.HasIndex(x => x.PhoneId).IsUnique();
        e.HasIndex(x => x.InstructorId);
        // A report counts the lessons of a period and the officers who taught them from this index alone.
        e.HasIndex(x => new { x.TaughtOn, x.ClassId, x.InstructorId });
        e.HasOne(x => x.Class).WithMany(x => x.Deliveries).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Instructor).WithMany().OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.ActivitiesDone).HasMaxLength(FieldLengths.Label * 2);
        e.Ignore(x => x.HasDosage);
        e.Ignore(x => x.ActivityNumbersDone);
        e.Ignore(x => x.Adherence);
    }
}

internal sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> e)
    {
        e.HasIndex(x => new { x.DeliveryId, x.EnrollmentId }).IsUnique();
        e.HasIndex(x => x.EnrollmentId);
        e.HasOne(x => x.Delivery).WithMany(x => x.Attendance).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Enrollment).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReachTargetConfiguration : IEntityTypeConfiguration<ReachTarget>
{
    public void Configure(EntityTypeBuilder<ReachTarget> e)
    {
        e.Property(x => x.ComponentCode).HasMaxLength(FieldLengths.Label);
        e.HasIndex(x => new { x.RegionId, x.SchoolId, x.SchoolYear, x.ComponentCode }).IsUnique();
        e.HasOne(x => x.Region).WithMany().OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.School).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FidelityRollupConfiguration : IEntityTypeConfiguration<FidelityRollup>
{
    public void Configure(EntityTypeBuilder<FidelityRollup> e)
    {
        e.Property(x => x.ComponentCode).HasMaxLength(FieldLengths.Label);
        e.Property(x => x.Municipality).HasMaxLength(FieldLengths.ShortName);
        e.HasIndex(x => new { x.Level, x.ScopeId, x.Municipality, x.SchoolYear, x.ComponentCode, x.Month }).IsUnique();
    }
}

internal sealed class ReachRollupConfiguration : IEntityTypeConfiguration<ReachRollup>
{
    public void Configure(EntityTypeBuilder<ReachRollup> e)
    {
        e.Property(x => x.ComponentCode).HasMaxLength(FieldLengths.Label);
        e.Property(x => x.Municipality).HasMaxLength(FieldLengths.ShortName);
        e.HasIndex(x => new { x.Level, x.ScopeId, x.Municipality, x.SchoolYear, x.ComponentCode }).IsUnique();
    }
}

internal sealed class OutboundEmailConfiguration : IEntityTypeConfiguration<OutboundEmail>
{
    public void Configure(EntityTypeBuilder<OutboundEmail> e)
    {
        e.Property(x => x.Kind).HasMaxLength(40);
        e.Property(x => x.DedupeKey).HasMaxLength(200);
        e.Property(x => x.Recipient).HasMaxLength(256);
        e.Property(x => x.Culture).HasMaxLength(8);
        e.Property(x => x.Subject).HasMaxLength(300);
        e.Property(x => x.LastError).HasMaxLength(2000);
        e.Property(x => x.ClaimedBy).HasMaxLength(64);
        e.HasIndex(x => x.DedupeKey).IsUnique();
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.Entity).HasMaxLength(100);
        e.Property(x => x.EntityId).HasMaxLength(100);
        e.Property(x => x.Action).HasMaxLength(20);
        e.Property(x => x.Reason).HasMaxLength(FieldLengths.Reason);
        e.HasIndex(x => new { x.Entity, x.EntityId });
        e.HasIndex(x => x.At);
    }
}

internal sealed class GreatUserConfiguration : IEntityTypeConfiguration<GreatUser>
{
    public void Configure(EntityTypeBuilder<GreatUser> e)
    {
        e.Property(x => x.DisplayName).HasMaxLength(FieldLengths.Name);
        e.Property(x => x.Culture).HasMaxLength(8);
        e.HasMany(x => x.Schools).WithOne().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Instructor>().WithMany().HasForeignKey(x => x.InstructorId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.InstructorId).IsUnique();
    }
}

internal sealed class UserSchoolConfiguration : IEntityTypeConfiguration<UserSchool>
{
    public void Configure(EntityTypeBuilder<UserSchool> e)
    {
        e.HasKey(x => new { x.UserId, x.SchoolId });
        e.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SchoolHolidayConfiguration : IEntityTypeConfiguration<SchoolHoliday>
{
    public void Configure(EntityTypeBuilder<SchoolHoliday> e)
    {
        e.HasIndex(x => new { x.SchoolId, x.Date }).IsUnique();
        e.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PendingImportConfiguration : IEntityTypeConfiguration<PendingImport>
{
    public void Configure(EntityTypeBuilder<PendingImport> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.HasIndex(x => x.CreatedAt);
    }
}

internal sealed class RosterConnectionConfiguration : IEntityTypeConfiguration<RosterConnection>
{
    public void Configure(EntityTypeBuilder<RosterConnection> e)
    {
        e.Property(x => x.Name).HasMaxLength(FieldLengths.Name);
        e.Property(x => x.BaseUrl).HasMaxLength(FieldLengths.Url);
        e.Property(x => x.TokenUrl).HasMaxLength(FieldLengths.Url);
        e.Property(x => x.ClientId).HasMaxLength(FieldLengths.Name);
        e.Property(x => x.ProtectedSecret).HasMaxLength(4000);
        e.Property(x => x.LeaseOwner).HasMaxLength(64);
        e.HasOne(x => x.Region).WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RosterConnectionSchoolConfiguration : IEntityTypeConfiguration<RosterConnectionSchool>
{
    public void Configure(EntityTypeBuilder<RosterConnectionSchool> e)
    {
        e.Property(x => x.OrgSourcedId).HasMaxLength(FieldLengths.LocalId);
        e.Property(x => x.OrgName).HasMaxLength(FieldLengths.Name);
        // One source per Great school, and one Great school per source school.
        e.HasIndex(x => x.SchoolId).IsUnique();
        e.HasIndex(x => new { x.ConnectionId, x.OrgSourcedId }).IsUnique();
        e.HasOne(x => x.Connection).WithMany(c => c.Schools).HasForeignKey(x => x.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RosterSyncRunConfiguration : IEntityTypeConfiguration<RosterSyncRun>
{
    public void Configure(EntityTypeBuilder<RosterSyncRun> e)
    {
        e.Property(x => x.Error).HasMaxLength(4000);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.HasIndex(x => new { x.ConnectionId, x.StartedAt });
        e.HasOne<RosterConnection>().WithMany().HasForeignKey(x => x.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RosterImportConfiguration : IEntityTypeConfiguration<RosterImport>
{
    public void Configure(EntityTypeBuilder<RosterImport> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.Changes).HasMaxLength(2000);
        e.HasIndex(x => x.SchoolId);
    }
}

internal sealed class RollupRequestConfiguration : IEntityTypeConfiguration<RollupRequest>
{
    public void Configure(EntityTypeBuilder<RollupRequest> e)
    {
        e.HasIndex(x => x.SchoolId);
    }
}
