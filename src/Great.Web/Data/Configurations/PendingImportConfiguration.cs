using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class PendingImportConfiguration : IEntityTypeConfiguration<PendingImport>
{
    public void Configure(EntityTypeBuilder<PendingImport> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.HasIndex(x => x.CreatedAt);
    }
}
