using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

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
