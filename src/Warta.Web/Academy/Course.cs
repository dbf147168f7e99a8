using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warta.Web.Shared;

namespace Warta.Web.Academy;

public sealed class Course
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public decimal Price { get; set; }
    public int Seats { get; set; }
    /// <summary>Without the leading #, in the editor's order.</summary>
    public List<string> Hashtags { get; set; } = [];
    public string? Summary { get; set; }
}

sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> b)
    {
        b.HasIndex(c => c.Slug).IsUnique();
        b.HasIndex(c => c.StartsAt);
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.Slug).HasMaxLength(200);
        b.Property(c => c.Price).HasPrecision(18, 2);
        b.Property(c => c.Summary).HasMaxLength(1000);
        b.PrimitiveCollection(c => c.Hashtags);
    }
}
