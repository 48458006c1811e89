using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

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
