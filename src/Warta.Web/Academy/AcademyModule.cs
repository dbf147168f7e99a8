using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;
using Warta.Web.Accounts.Readers;
using Warta.Web.Commerce;

namespace Warta.Web.Academy;

public sealed class CourseInput
{
    public string? Title { get; set; }
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public decimal? Price { get; set; }
    public int? Seats { get; set; }
    public List<string>? Hashtags { get; set; }
    public string? Summary { get; set; }
    /// <summary>Staff HTML; cleaned before it is stored.</summary>
    public string? Description { get; set; }
    public List<InstructorInput>? Instructors { get; set; }
    /// <summary>The meetings; when given, the course starts with the first and ends with the last (startsAt and endsAt are not needed).</summary>
    public List<SessionInput>? Sessions { get; set; }
}

public sealed class InstructorInput
{
    public string? Name { get; set; }
    public string? Bio { get; set; }
}

public sealed class SessionInput
{
    public string? Title { get; set; }
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    /// <summary>The link of an online session, sent to registered readers.</summary>
    public string? OnlineUrl { get; set; }
    public string? Venue { get; set; }
}

public sealed record CourseCard(string Title, string Slug, DateTimeOffset StartsAt, DateTimeOffset EndsAt, decimal Price, int Seats, int SeatsTaken, IReadOnlyList<string> Hashtags, string? Summary)
{
    public int SeatsLeft => Math.Max(0, Seats - SeatsTaken);
}

public static class AcademyModule
{
    public static IServiceCollection AddAcademy(this IServiceCollection services)
    {
        services.AddSingleton<CourseList>();
        services.AddSingleton<KeptBlock, UpcomingCoursesBlock>();
        services.AddScoped<CourseWriter>();
        services.AddSingleton<Seating>();
        services.AddScoped<RegistrationDesk>();
        services.AddScoped<RegistrationMail>();
        services.AddScoped<IOrderFulfiller, CourseFulfiller>();
        services.AddScoped<IPersonalData, RegistrationPersonalData>();
        services.AddSingleton<RegistrationUpkeep>();
        services.AddHostedService(s => s.GetRequiredService<RegistrationUpkeep>());
        return services;
    }

    public static void MapAcademy(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/courses", PostCourse).RequireAuthorization(ApiAuth.NewsroomPolicy).RequireRateLimiting("api").WithTags("Academy").WithName("CreateCourse").ReadsJson<CourseInput>();
    }

    public sealed record CourseCreated(Guid Id, string Slug, string Url);

    public static async Task<Results<Created<CourseCreated>, ValidationProblem>> PostCourse(HttpContext http, CourseWriter courses)
    {
        var (input, problem) = await JsonInput.ReadAsync<CourseInput>(http.Request);
        if (problem is not null) return problem;
        var (course, errors) = await courses.CreateAsync(input!, http);
        if (course is null) return errors.Problem(http.Request);
        return TypedResults.Created(AcademyRoutes.CourseUrlOf(course.Slug), new CourseCreated(course.Id, course.Slug, AcademyRoutes.CourseUrlOf(course.Slug)));
    }
}

/// <summary>Upcoming courses for the Academy block, read once a minute or right after a change.</summary>
public sealed class CourseList(CachedReads reads, TimeProvider clock)
{
    /// <summary>The tag of the courses as read for reader pages; <see cref="CourseWriter"/> evicts it with the pages.</summary>
    public const string CacheTag = "courses";

    public async Task<IReadOnlyList<CourseCard>> UpcomingAsync(int count = 3)
    {
        var all = await reads.GetOrReadAsync(CacheTag, "upcoming", TimeSpan.FromSeconds(60), services =>
        {
            var now = clock.GetUtcNow();
            return services.GetRequiredService<WartaDb>().Courses.AsNoTracking().Where(c => c.EndsAt > now).OrderBy(c => c.StartsAt).Take(12)
                .Select(c => new CourseCard(c.Title, c.Slug, c.StartsAt, c.EndsAt, c.Price, c.Seats, c.SeatsTaken, c.Hashtags, c.Summary)).ToListAsync();
        });
        var at = clock.GetUtcNow();
        return all.Where(c => c.EndsAt > at).Take(count).ToList();
    }
}
