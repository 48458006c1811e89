using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Great.Web.Data.Configurations;

internal sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> e)
    {
        e.HasIndex(x => new { x.DeliveryId, x.EnrollmentId }).IsUnique();
        e.HasIndex(x => x.EnrollmentId);
        e.HasOne(x => x.Delivery).WithMany(x => x.Attendance).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Enrollment).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}
