using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class NameAccessConfiguration : IEntityTypeConfiguration<NameAccess>
{
    public void Configure(EntityTypeBuilder<NameAccess> e)
    {
        e.Property(x => x.UserName).HasMaxLength(FieldLengths.Email);
        e.Property(x => x.View).HasConversion<string>().HasMaxLength(FieldLengths.Label);
        e.HasIndex(x => x.At);
        e.HasIndex(x => x.ClassId);
        e.HasIndex(x => x.StudentId);
    }
}
