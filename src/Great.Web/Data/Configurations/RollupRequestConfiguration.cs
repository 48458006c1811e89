using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class RollupRequestConfiguration : IEntityTypeConfiguration<RollupRequest>
{
    public void Configure(EntityTypeBuilder<RollupRequest> e)
    {
        e.HasIndex(x => x.SchoolId);
    }
}
