using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> e)
    {
        e.Property(x => x.Name).HasMaxLength(FieldLengths.Name);
        e.HasIndex(x => new { x.RegionId, x.Name }).IsUnique();
        e.HasOne(x => x.Region).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}
