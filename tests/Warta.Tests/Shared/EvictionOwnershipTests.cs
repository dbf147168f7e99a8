using NetArchTest.Rules;
using Warta.Web.Academy;
using Warta.Web.Markets;
using Warta.Web.Newsroom;
using Warta.Web.Shared;

namespace Warta.Tests.Shared;

/// <summary>
/// Each feature's one writer commits its changes and evicts what they touch; nothing else evicts. A new write path goes
/// through its feature's writer (or is declared here, on purpose), so it cannot forget the eviction.
/// </summary>
public class EvictionOwnershipTests
{
    /// <summary>Publishing (stories, scheduled publishing), Newsroom's labels, promos, courses, instruments and market holidays, plans.</summary>
    static readonly Type[] Writers = [typeof(ArticleWriter), typeof(LabelEditor), typeof(PromoEditor), typeof(CourseWriter), typeof(InstrumentEditor), typeof(Warta.Web.Members.PlanWriter)];

    /// <summary>The eviction API itself and its registration.</summary>
    static readonly Type[] Plumbing = [typeof(PageCache), typeof(CachedReadsServices)];

    [Fact]
    public void The_declared_writers_and_nothing_else_depend_on_the_page_cache_evictions()
    {
        var result = Types.InAssembly(typeof(PageCache).Assembly).ShouldNot().HaveDependencyOn(typeof(PageCache).FullName).GetResult();
        // Async methods and lambdas compile to nested types; they belong to the type they were written in.
        var evictors = (result.FailingTypeNames ?? []).Select(name => name.Split('/', '+')[0]).Distinct()
            .Except(Plumbing.Select(t => t.FullName!)).Order();
        Assert.Equal(Writers.Select(t => t.FullName!).Order(), evictors);
    }
}
