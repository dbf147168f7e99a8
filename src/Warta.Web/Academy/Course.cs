using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warta.Web.Shared;

namespace Warta.Web.Academy;

public sealed class Course
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    /// <summary>The first session's start; kept on the course so listings sort and filter without reading sessions.</summary>
    public DateTimeOffset StartsAt { get; set; }
    /// <summary>The last session's end.</summary>
    public DateTimeOffset EndsAt { get; set; }
    /// <summary>Whole rupiah; 0 for a free course.</summary>
    public decimal Price { get; set; }
    public int Seats { get; set; }
    /// <summary>
    /// Seats held or confirmed. Only ever changed by one conditional UPDATE (<see cref="Seating"/>), which the database
    /// applies one at a time per row on SQLite and PostgreSQL alike, so it never passes <see cref="Seats"/> on any node.
    /// </summary>
    public int SeatsTaken { get; set; }
    /// <summary>Without the leading #, in the editor's order.</summary>
    public List<string> Hashtags { get; set; } = [];
    public string? Summary { get; set; }
    /// <summary>Staff HTML, cleaned by <see cref="StaffHtml"/> before it is stored.</summary>
    public string? Description { get; set; }
    public List<CourseInstructor> Instructors { get; set; } = [];
    public List<CourseSession> Sessions { get; set; } = [];

    /// <summary>The sessions in time order; a course saved before sessions existed is one meeting from start to end.</summary>
    public IReadOnlyList<CourseSession> Schedule() => Sessions.Count > 0
        ? [.. Sessions.OrderBy(s => s.StartsAt)]
        : [new CourseSession { CourseId = Id, StartsAt = StartsAt, EndsAt = EndsAt }];
}

public sealed class CourseInstructor
{
    public long Id { get; set; }
    public Guid CourseId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    /// <summary>One line: role, employer, what they teach.</summary>
    public string? Bio { get; set; }
}

/// <summary>One meeting of a course: online (a link sent to registered readers) or at a venue.</summary>
public sealed class CourseSession
{
    public long Id { get; set; }
    public Guid CourseId { get; set; }
    public int Position { get; set; }
    public string? Title { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string? OnlineUrl { get; set; }
    public string? Venue { get; set; }

    public string Place => Venue ?? (OnlineUrl is null ? "Akan diumumkan" : "Daring");
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
        b.Property(c => c.Description).HasMaxLength(CourseWriter.MaxDescription);
        b.PrimitiveCollection(c => c.Hashtags);
        b.HasMany(c => c.Instructors).WithOne().HasForeignKey(i => i.CourseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Sessions).WithOne().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_Courses_SeatsTaken", "\"SeatsTaken\" >= 0 AND \"SeatsTaken\" <= \"Seats\""));
    }
}

sealed class CourseInstructorConfiguration : IEntityTypeConfiguration<CourseInstructor>
{
    public void Configure(EntityTypeBuilder<CourseInstructor> b)
    {
        b.ToTable("CourseInstructors");
        b.HasIndex(i => new { i.CourseId, i.Position });
        b.Property(i => i.Name).HasMaxLength(120);
        b.Property(i => i.Bio).HasMaxLength(300);
    }
}

sealed class CourseSessionConfiguration : IEntityTypeConfiguration<CourseSession>
{
    public void Configure(EntityTypeBuilder<CourseSession> b)
    {
        b.ToTable("CourseSessions");
        b.HasIndex(s => new { s.CourseId, s.Position });
        b.Property(s => s.Title).HasMaxLength(200);
        b.Property(s => s.OnlineUrl).HasMaxLength(500);
        b.Property(s => s.Venue).HasMaxLength(300);
    }
}
