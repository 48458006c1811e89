using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class TrainingConfiguration : IEntityTypeConfiguration<Training>
{
    public void Configure(EntityTypeBuilder<Training> e)
    {
        e.Property(x => x.Place).HasMaxLength(FieldLengths.Name);
        e.Property(x => x.Trainers).HasMaxLength(FieldLengths.Reason);
        e.HasIndex(x => x.InstructorId);
        e.HasOne(x => x.Instructor).WithMany(x => x.Trainings).OnDelete(DeleteBehavior.Cascade);
    }
}
