using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

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
