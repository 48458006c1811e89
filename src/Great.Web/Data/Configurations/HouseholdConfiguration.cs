using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> e)
    {
        e.Property(x => x.Label).HasMaxLength(Household.LabelLength);
        e.HasIndex(x => new { x.ClassId, x.Label }).IsUnique();
        e.HasOne(x => x.Class).WithMany(x => x.Households).OnDelete(DeleteBehavior.Cascade);
    }
}
