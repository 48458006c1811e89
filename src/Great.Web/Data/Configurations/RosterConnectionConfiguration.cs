using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class RosterConnectionConfiguration : IEntityTypeConfiguration<RosterConnection>
{
    public void Configure(EntityTypeBuilder<RosterConnection> e)
    {
        e.Property(x => x.Name).HasMaxLength(FieldLengths.Name);
        e.Property(x => x.BaseUrl).HasMaxLength(FieldLengths.Url);
        e.Property(x => x.TokenUrl).HasMaxLength(FieldLengths.Url);
        e.Property(x => x.ClientId).HasMaxLength(FieldLengths.Name);
        e.Property(x => x.ProtectedSecret).HasMaxLength(4000);
        e.Property(x => x.LeaseOwner).HasMaxLength(64);
        e.HasOne(x => x.Region).WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
