using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

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
