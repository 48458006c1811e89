using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

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
