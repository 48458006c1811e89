using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class RosterImportConfiguration : IEntityTypeConfiguration<RosterImport>
{
    public void Configure(EntityTypeBuilder<RosterImport> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.Changes).HasMaxLength(2000);
        e.HasIndex(x => x.SchoolId);
    }
}
