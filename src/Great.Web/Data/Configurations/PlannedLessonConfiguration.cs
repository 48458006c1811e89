using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class PlannedLessonConfiguration : IEntityTypeConfiguration<PlannedLesson>
{
    public void Configure(EntityTypeBuilder<PlannedLesson> e)
    {
        e.HasIndex(x => new { x.ClassId, x.LessonNumber }).IsUnique();
        e.HasIndex(x => x.PlannedOn);
        e.HasOne(x => x.Class).WithMany(x => x.PlannedLessons).OnDelete(DeleteBehavior.Cascade);
    }
}
