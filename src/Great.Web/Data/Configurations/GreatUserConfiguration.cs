using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class GreatUserConfiguration : IEntityTypeConfiguration<GreatUser>
{
    public void Configure(EntityTypeBuilder<GreatUser> e)
    {
        e.Property(x => x.DisplayName).HasMaxLength(FieldLengths.Name);
        e.Property(x => x.Culture).HasMaxLength(8);
        e.HasMany(x => x.Schools).WithOne().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Instructor>().WithMany().HasForeignKey(x => x.InstructorId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.InstructorId).IsUnique();
    }
}
