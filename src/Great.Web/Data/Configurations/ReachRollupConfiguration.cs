using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class ReachRollupConfiguration : IEntityTypeConfiguration<ReachRollup>
{
    public void Configure(EntityTypeBuilder<ReachRollup> e)
    {
        e.Property(x => x.ComponentCode).HasMaxLength(FieldLengths.Label);
        e.Property(x => x.Municipality).HasMaxLength(FieldLengths.ShortName);
        e.HasIndex(x => new { x.Level, x.ScopeId, x.Municipality, x.SchoolYear, x.ComponentCode }).IsUnique();
    }
}
