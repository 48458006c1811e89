using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class OutboundEmailConfiguration : IEntityTypeConfiguration<OutboundEmail>
{
    public void Configure(EntityTypeBuilder<OutboundEmail> e)
    {
        e.Property(x => x.Kind).HasMaxLength(40);
        e.Property(x => x.DedupeKey).HasMaxLength(200);
        e.Property(x => x.Recipient).HasMaxLength(256);
        e.Property(x => x.Culture).HasMaxLength(8);
        e.Property(x => x.Subject).HasMaxLength(300);
        e.Property(x => x.LastError).HasMaxLength(2000);
        e.Property(x => x.ClaimedBy).HasMaxLength(64);
        e.HasIndex(x => x.DedupeKey).IsUnique();
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
    }
}
