using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

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
