using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class RosterSyncRunConfiguration : IEntityTypeConfiguration<RosterSyncRun>
{
    public void Configure(EntityTypeBuilder<RosterSyncRun> e)
    {
        e.Property(x => x.Error).HasMaxLength(4000);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.HasIndex(x => new { x.ConnectionId, x.StartedAt });
        e.HasOne<RosterConnection>().WithMany().HasForeignKey(x => x.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
