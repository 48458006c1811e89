using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

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
