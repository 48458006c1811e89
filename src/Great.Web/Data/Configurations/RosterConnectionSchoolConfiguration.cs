using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class RosterConnectionSchoolConfiguration : IEntityTypeConfiguration<RosterConnectionSchool>
{
    public void Configure(EntityTypeBuilder<RosterConnectionSchool> e)
    {
        e.Property(x => x.OrgSourcedId).HasMaxLength(FieldLengths.LocalId);
        e.Property(x => x.OrgName).HasMaxLength(FieldLengths.Name);
        // One source per Great school, and one Great school per source school.
        e.HasIndex(x => x.SchoolId).IsUnique();
        e.HasIndex(x => new { x.ConnectionId, x.OrgSourcedId }).IsUnique();
        e.HasOne(x => x.Connection).WithMany(c => c.Schools).HasForeignKey(x => x.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
