using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

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
