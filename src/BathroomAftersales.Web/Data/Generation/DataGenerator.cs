using System.Globalization;

using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Technicians;

namespace BathroomAftersales.Web.Data.Generation;

/// <summary>What to generate. The same options (seed and <see cref="NowUtc"/> included) give the same data.</summary>
internal sealed record GenerationOptions(int Customers, int Requests, int Seed, int Technicians, int Models, DateTime NowUtc)
{
    public const int HistoryDays = 730;
    public const int PurchaseDays = 3 * 365;

    public int Agents { get; init; } = 12;

    /// <summary>The first customers get a portal account (no password: set one with the admin pages or a reset).</summary>
    public int PortalAccounts { get; init; } = 20;

    public int CustomersPerBatch { get; init; } = 20_000;

    public int RequestsPerBatch { get; init; } = 10_000;
}

/// <summary>One batch of rows ready to write, in foreign-key order.</summary>
internal sealed record GeneratedBatch(IReadOnlyList<object> Customers, IReadOnlyList<object> Products, IReadOnlyList<object> Requests, IReadOnlyList<object> Events)
{
    /// <summary>The records that follow the requests of the batch (or a survey campaign), written after them.</summary>
    public HistoryRows History { get; init; } = new();
}

/// <summary>
/// Builds a realistic history with the domain's own methods on a simulated clock: every request is submitted,
/// acknowledged, dispatched, visited, completed, rated, closed, cancelled or reopened exactly as the pages would do it,
/// so its stored columns (due times, QueueRank, QueueDueAt, status) and its timeline are what the app would have
/// written. One <see cref="Random"/> seeded from the options drives everything, in one thread, so a seed reproduces
/// the data. Ids are assigned here so rows can be written in bulk without a round trip per row.
/// <para>
/// The records that follow a request (work report, invoice, payments, complaint, follow-up) are built in the same pass
/// (DataGenerator.History.cs) and travel in <see cref="GeneratedBatch.History"/>; survey campaigns come in batches of
/// their own after the requests, training through EF at the end.
/// </para>
/// </summary>
internal sealed partial class DataGenerator
{
    private static readonly int[] HourWeights = [1, 1, 1, 1, 1, 1, 2, 3, 6, 9, 10, 9, 6, 7, 9, 9, 8, 7, 6, 7, 7, 5, 3, 2];

    private readonly GenerationOptions _options;
    private readonly TimeZoneInfo _zone;
    private readonly ServiceLevelPolicy _policy;
    private readonly Random _random;
    private readonly DateTime _now;
    private readonly DateOnly _today;
    private readonly Ids _ids;

    // What the request pass needs to know about each customer (index = customer id - first id).
    private string[] _customerNames = [];
    private Address[] _customerAddresses = [];
    private DateTime[] _customerCreated = [];
    private int[] _firstProduct = [];
    private byte[] _productCount = [];
    private int[] _businessCustomers = [];
    private readonly List<DateOnly> _productPurchase = [];
    private readonly List<ProductCategory> _productCategory = [];
    private readonly List<int> _productIds = [];
    private int _firstCustomerId;

    public DataGenerator(GenerationOptions options, TimeZoneInfo zone, ServiceLevelPolicy policy, Ids ids)
    {
        _options = options;
        _zone = zone;
        _policy = policy;
        _ids = ids;
        _random = new Random(options.Seed);
        _now = options.NowUtc;
        _today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(_now, zone));
    }

    /// <summary>The last number used per local day, to continue from (existing NumberSequence rows) and to store afterwards.</summary>
    public Dictionary<string, int> Sequences { get; } = new(StringComparer.Ordinal);

    public List<ProductModel> Models()
    {
        var families = SampleText.ModelFamilies;
        var models = new List<ProductModel>(_options.Models);
        for (var i = 0; i < _options.Models; i++)
        {
            // Every category first, then by weight: even a small catalog covers every category.
            var family = i < families.Length ? families[i] : Weighted(families, f => f.Weight);
            var series = 100 + i;
            var warranty = family.Category == ProductCategory.Bathtub ? 36 : Chance(0.2) ? 24 : Chance(0.05) ? 36 : ProductModel.DefaultWarrantyMonths;
            var model = new ProductModel(
                string.Create(CultureInfo.InvariantCulture, $"{family.SkuPrefix}-G{series}"),
                string.Create(CultureInfo.InvariantCulture, $"{SampleText.Pick(_random, family.Names)} G{series}"),
                family.Category,
                warranty);
            if (Chance(0.05))
            {
                model.Discontinue();
            }

            models.Add(model);
        }

        return models;
    }

    public string PersonName() => SampleText.Pick(_random, SampleText.Surnames) + SampleText.Pick(_random, SampleText.GivenNameParts);

    public Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>Technicians per city in proportion to its customers, each covering a run of neighbouring districts.</summary>
    public List<Technician> Technicians(IReadOnlyList<string> userIds, IReadOnlyList<string> names)
    {
        var technicians = new List<Technician>(userIds.Count);
        var categories = Enum.GetValues<ProductCategory>();
        for (var i = 0; i < userIds.Count; i++)
        {
            var city = SampleText.Cities[i % SampleText.Cities.Length];
            var first = i / SampleText.Cities.Length * 3;
            var districts = Enumerable.Range(first, 4).Select(d => city.Districts[d % city.Districts.Length]);
            var skills = categories.Where(_ => Chance(0.8)).DefaultIfEmpty(ProductCategory.Toilet);
            technicians.Add(new Technician(userIds[i], names[i], Mobile(_options.Customers + i), skills, districts));
        }

        return technicians;
    }

    /// <summary>Customers of both kinds with their products, <see cref="GenerationOptions.CustomersPerBatch"/> at a time.</summary>
    public IEnumerable<GeneratedBatch> Customers(IReadOnlyList<ProductModel> models, ISet<string> takenMobiles)
    {
        var count = _options.Customers;
        _firstCustomerId = _ids.NextCustomer;
        _customerNames = new string[count];
        _customerAddresses = new Address[count];
        _customerCreated = new DateTime[count];
        _firstProduct = new int[count];
        _productCount = new byte[count];
        _customerReachable = new bool[count];
        var business = new List<int>();
        var modelWeights = models.Select(m => SampleText.ModelFamilies.First(f => f.Category == m.Category).Weight).ToArray();
        var mobileIndex = 0;

        var customers = new List<object>(_options.CustomersPerBatch);
        var products = new List<object>(_options.CustomersPerBatch * 2);
        for (var i = 0; i < count; i++)
        {
            var isBusiness = Chance(0.15);
            var city = Weighted(SampleText.Cities, c => c.Weight);
            var district = SampleText.Pick(_random, city.Districts);
            var address = new Address(city.Province, city.Name, district, Street());
            var name = isBusiness
                ? city.Name[..2] + SampleText.Pick(_random, SampleText.BusinessWords) + SampleText.Pick(_random, SampleText.BusinessSuffixes)
                : PersonName();
            string mobile;
            do
            {
                mobile = Mobile(mobileIndex++);
            }
            while (takenMobiles.Contains(mobile));

            var landline = isBusiness && Chance(0.6)
                ? string.Create(CultureInfo.InvariantCulture, $"{city.AreaCode}-{_random.Next(2, 9)}{_random.Next(0, 10_000_000):D7}")
                : null;
            var email = Chance(isBusiness ? 0.7 : 0.25) ? string.Create(CultureInfo.InvariantCulture, $"c{_ids.NextCustomer}@example.cn") : null;

            var productCount = isBusiness ? _random.Next(3, 11) : Chance(0.55) ? 1 : Chance(0.67) ? 2 : 3;
            var purchases = new DateOnly[productCount];
            for (var p = 0; p < productCount; p++)
            {
                purchases[p] = _today.AddDays(-_random.Next(1, GenerationOptions.PurchaseDays));
            }

            var created = LocalToUtc(purchases.Min(), _random.Next(9 * 60, 20 * 60));
            var customer = new Customer(name, isBusiness ? CustomerKind.Business : CustomerKind.Individual, mobile, landline, email, address, created);
            var customerId = _ids.NextCustomer++;
            _ids.SetCustomerId(customer, customerId);
            customer.Version = NextGuid();
            customers.Add(customer);

            _customerNames[i] = name;
            _customerAddresses[i] = address;
            _customerCreated[i] = created;
            _firstProduct[i] = _productIds.Count;
            _productCount[i] = (byte)productCount;
            _customerReachable[i] = email is not null || i < _options.PortalAccounts;
            if (isBusiness)
            {
                business.Add(i);
            }

            foreach (var purchase in purchases)
            {
                var model = models[WeightedIndex(modelWeights)];
                var productId = _ids.NextProduct++;
                var serial = string.Create(CultureInfo.InvariantCulture, $"{model.Sku.Replace("-", string.Empty, StringComparison.Ordinal)}{purchase:yyMM}{productId:D7}");
                var product = new CustomerProduct(customerId, model, serial, purchase, address, _today);
                _ids.SetProductId(product, productId);
                products.Add(product);
                _productIds.Add(productId);
                _products.Add(product);
                _productPurchase.Add(purchase);
                _productCategory.Add(model.Category);
            }

            if (customers.Count == _options.CustomersPerBatch || i == count - 1)
            {
                yield return new GeneratedBatch(customers, products, [], []);
                customers = new List<object>(_options.CustomersPerBatch);
                products = new List<object>(_options.CustomersPerBatch * 2);
            }
        }

        _businessCustomers = [.. business];
    }

    /// <summary>Requests over the last two years, in submission order (so ids and numbers follow time), with their events.</summary>
    public IEnumerable<GeneratedBatch> Requests(IReadOnlyList<Technician> technicians, IReadOnlyList<RequestActor> agents)
    {
        if (_customerNames.Length == 0)
        {
            yield break;
        }

        var times = SubmissionTimes();
        var staff = new Staff(technicians, agents);
        var requests = new List<object>(_options.RequestsPerBatch);
        var events = new List<object>(_options.RequestsPerBatch * 6);
        for (var i = 0; i < times.Length; i++)
        {
            var requestId = _ids.NextRequest++;
            var request = Simulate(new DateTime(times[i], DateTimeKind.Utc), staff, requestId);
            request.Version = NextGuid();
            requests.Add(request);
            foreach (var e in request.Events)
            {
                _ids.SetEventId(e, _ids.NextEvent++);
                _ids.SetEventRequestId(e, requestId);
                events.Add(e);
            }

            if (requests.Count == _options.RequestsPerBatch || i == times.Length - 1)
            {
                yield return new GeneratedBatch([], [], requests, events) { History = _history };
                _history = new HistoryRows();
                requests = new List<object>(_options.RequestsPerBatch);
                events = new List<object>(_options.RequestsPerBatch * 6);
            }
        }
    }

    /// <summary>The customers that get a portal account: (id, mobile) of the first few.</summary>
    public IEnumerable<int> PortalCustomerIds() =>
        Enumerable.Range(_firstCustomerId, Math.Min(_options.PortalAccounts, _options.Customers));

    /// <summary>Submission times: more in winter (frozen and burst pipes), a slow growth over the two years, daytime hours.</summary>
    private long[] SubmissionTimes()
    {
        var hourTotal = HourWeights.Sum();
        var times = new long[_options.Requests];
        for (var i = 0; i < times.Length; i++)
        {
            while (true)
            {
                var daysAgo = _random.Next(0, GenerationOptions.HistoryDays);
                var day = _today.AddDays(-daysAgo);
                var season = 1 + (0.3 * Math.Cos(2 * Math.PI * (day.DayOfYear - 15) / 365.0));
                var trend = 1.2 - (0.4 * daysAgo / GenerationOptions.HistoryDays);
                if (_random.NextDouble() * 1.56 > season * trend)
                {
                    continue;
                }

                var pick = _random.Next(hourTotal);
                var hour = 0;
                while (pick >= HourWeights[hour])
                {
                    pick -= HourWeights[hour++];
                }

                var at = LocalToUtc(day, (hour * 60) + _random.Next(60)).AddSeconds(_random.Next(60));
                if (at < _now)
                {
                    times[i] = at.Ticks;
                    break;
                }
            }
        }

        Array.Sort(times);
        return times;
    }

    private ServiceRequest Simulate(DateTime submittedAt, Staff staff, int requestId)
    {
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(submittedAt, _zone));
        var customer = PickCustomer(submittedAt);
        var product = PickProduct(customer, localDay);
        var category = product is { } p ? _productCategory[p] : (ProductCategory)_random.Next(7);
        var winter = localDay.Month is 12 or 1 or 2;
        var newProduct = product is { } np && localDay.DayNumber - _productPurchase[np].DayNumber < 30;
        var type = Weighted(
            [
                (RequestType.Repair, winter ? 48 : 38),
                (RequestType.PartsReplacement, 14),
                (RequestType.Maintenance, 16),
                (RequestType.InstallationGuidance, newProduct ? 40 : 12),
                (RequestType.UsageQuestion, 18),
            ],
            t => t.Item2).Item1;
        var emergency = type is RequestType.Repair or RequestType.PartsReplacement && Chance(winter ? 0.075 : 0.045);
        var priority = emergency ? RequestPriority.Emergency : Chance(0.12) ? RequestPriority.Low : Chance(0.17) ? RequestPriority.High : RequestPriority.Normal;
        var channel = emergency
            ? (Chance(0.8) ? RequestChannel.Phone : RequestChannel.Web)
            : Weighted([(RequestChannel.Web, 50), (RequestChannel.Phone, 38), (RequestChannel.OnSite, 12)], c => c.Item2).Item1;
        var remote = ServiceRequest.CanBeAnsweredRemotely(type);
        var address = remote && Chance(0.5) ? null : _customerAddresses[customer];
        var agent = staff.Agent(_random);
        var customerActor = new RequestActor(null, _customerNames[customer]);
        var submitter = channel == RequestChannel.Web ? customerActor : agent;
        var description = emergency ? SampleText.Emergency(_random) : SampleText.Problem(category, type, _random);

        var scope = RequestNumber.Scope(localDay);
        Sequences.TryGetValue(scope, out var last);
        Sequences[scope] = ++last;
        var request = ServiceRequest.Submit(
            RequestNumber.Format(localDay, last),
            _firstCustomerId + customer,
            product is { } pi ? new RequestedProduct(_productIds[pi], _products[pi].ProductModelId) : null,
            type,
            channel,
            priority,
            description,
            address,
            _policy,
            submitter,
            submittedAt,
            channel == RequestChannel.Web ? NextGuid() : null,
            channel == RequestChannel.Web && address is not null ? (PreferredVisitTimes)_random.Next(0, 64) : PreferredVisitTimes.None);
        _ids.SetRequestId(request, requestId);

        // A backlog: a share of the recent requests stops somewhere on the way (more the more recent), besides
        // the ones still running naturally at "now".
        var ageDays = (_now - submittedAt).TotalDays;
        RequestStatus? stopAt = Chance(0.6 * Math.Exp(-ageDays / 20))
            ? Weighted(
                [(RequestStatus.Submitted, 15), (RequestStatus.Acknowledged, 25), (RequestStatus.Scheduled, 25), (RequestStatus.InProgress, 10), (RequestStatus.Completed, 10), (RequestStatus.Reopened, 15)],
                s => s.Item2).Item1
            : null;
        if (stopAt == RequestStatus.Completed && !emergency)
        {
            stopAt = RequestStatus.Scheduled;
        }

        var sim = new Simulation(this, request, staff, agent, customerActor, category, product, customer);
        sim.Run(stopAt);
        AfterRequest(request, customer, customerActor, agent);
        return request;
    }

    private int PickCustomer(DateTime submittedAt)
    {
        var index = 0;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            index = _businessCustomers.Length > 0 && Chance(0.25)
                ? _businessCustomers[_random.Next(_businessCustomers.Length)]
                : _random.Next(_customerNames.Length);
            if (_customerCreated[index] <= submittedAt)
            {
                break;
            }
        }

        return index;
    }

    private int? PickProduct(int customer, DateOnly day)
    {
        var first = _firstProduct[customer];
        var product = first + _random.Next(_productCount[customer]);
        if (_productPurchase[product] <= day)
        {
            return product;
        }

        for (var p = first; p < first + _productCount[customer]; p++)
        {
            if (_productPurchase[p] <= day)
            {
                return p;
            }
        }

        return null;
    }

    private string Street() => string.Create(
        CultureInfo.InvariantCulture,
        $"{SampleText.Pick(_random, SampleText.Roads)} {_random.Next(1, 2000)} 号 {_random.Next(1, 30)} 号楼 {_random.Next(1, 33)}{_random.Next(1, 5):D2} 室");

    /// <summary>
    /// 11 digits, unique per index: the last eight digits are an odd multiple of the index (plus an offset) modulo 10^8,
    /// a bijection on 0 … 10^8 − 1, so no two indexes share them whatever the prefix.
    /// </summary>
    private string Mobile(int index)
    {
        var prefixes = SampleText.MobilePrefixes;
        var suffix = (((long)index * 7_919_113L) + ((_options.Seed & 0xFFFF) * 104_729L) + 12_345_678L) % 100_000_000L;
        return prefixes[(int)((index * 31L + (index / 7)) % prefixes.Length)] + suffix.ToString("D8", CultureInfo.InvariantCulture);
    }

    private DateTime LocalToUtc(DateOnly day, int minuteOfDay) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue).AddMinutes(minuteOfDay), _zone);

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Weighted<T>(IReadOnlyList<T> items, Func<T, int> weight)
    {
        var total = 0;
        foreach (var item in items)
        {
            total += weight(item);
        }

        var pick = _random.Next(total);
        foreach (var item in items)
        {
            pick -= weight(item);
            if (pick < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private int WeightedIndex(int[] weights)
    {
        var pick = _random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            pick -= weights[i];
            if (pick < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>Who can be sent where: technicians by district and skill, and the desk's agents.</summary>
    private sealed class Staff
    {
        private readonly IReadOnlyList<Technician> _all;
        private readonly IReadOnlyList<RequestActor> _agents;
        private readonly Dictionary<string, Technician[]> _byDistrict;
        private readonly Dictionary<int, RequestActor> _actors;

        public Staff(IReadOnlyList<Technician> technicians, IReadOnlyList<RequestActor> agents)
        {
            _all = technicians;
            _agents = agents;
            _actors = technicians.ToDictionary(t => t.Id, t => new RequestActor(t.UserId, t.Name));
            _byDistrict = technicians
                .SelectMany(t => t.Districts.Select(d => (District: d, Technician: t)))
                .GroupBy(x => x.District, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Technician).ToArray(), StringComparer.Ordinal);
        }

        public RequestActor Agent(Random random) => SampleText.Pick(random, _agents);

        public RequestActor Actor(int technicianId) => _actors[technicianId];

        public Technician For(string district, ProductCategory category, Random random)
        {
            if (!_byDistrict.TryGetValue(district, out var local))
            {
                return SampleText.Pick(random, _all);
            }

            var skilled = local.Where(t => t.CanServe(category)).ToArray();
            return SampleText.Pick(random, skilled.Length > 0 ? skilled : local);
        }
    }

    /// <summary>One request's life on a simulated clock; it stops where "now" (or the chosen backlog state) is reached.</summary>
    private sealed class Simulation(DataGenerator g, ServiceRequest r, Staff staff, RequestActor agent, RequestActor customer, ProductCategory category, int? product, int customerIndex)
    {
        private readonly Random _random = g._random;
        private readonly List<Domain.Billing.Invoice> _invoices = [];
        private DateTime _at = r.SubmittedAt;

        public void Run(RequestStatus? stopAt)
        {
            if (stopAt == RequestStatus.Submitted)
            {
                Stop();
                return;
            }

            if (g.Chance(0.02))
            {
                if (Step(Minutes(5, 480)))
                {
                    r.Cancel(SampleText.CancelReason(byCustomer: true, _random), byCustomer: true, customer, _at);
                }

                Stop();
                return;
            }

            var remote = ServiceRequest.CanBeAnsweredRemotely(r.Type) && (r.VisitAddress is null || g.Chance(0.5));
            if (remote && stopAt is null && g.Chance(0.3))
            {
                // Answered straight away: the answer is the response.
                if (Step(ResponseDelay()))
                {
                    r.AnswerRemotely(SampleText.RemoteAnswer(_random), agent, _at);
                    Close();
                }

                Stop();
                return;
            }

            if (!Step(ResponseDelay()))
            {
                Stop();
                return;
            }

            r.Acknowledge(agent, _at);
            if (stopAt == RequestStatus.Acknowledged)
            {
                Stop();
                return;
            }

            if (g.Chance(0.015))
            {
                if (Step(Minutes(30, 48 * 60)))
                {
                    r.Cancel(SampleText.CancelReason(byCustomer: true, _random), byCustomer: true, customer, _at);
                }

                Stop();
                return;
            }

            if (remote)
            {
                if (Step(Minutes(10, 20 * 60)))
                {
                    r.AnswerRemotely(SampleText.RemoteAnswer(_random), agent, _at);
                    if (stopAt != RequestStatus.Reopened || Reopen())
                    {
                        Close();
                    }
                }

                Stop();
                return;
            }

            if (Visit(stopAt) && (stopAt != RequestStatus.Reopened || Reopen()))
            {
                Close();
            }

            Stop();
        }

        /// <summary>Dispatch, perhaps re-dispatch, visit and complete. False when the request stops before completion.</summary>
        private bool Visit(RequestStatus? stopAt)
        {
            if (!Step(Minutes(5, 120)))
            {
                return false;
            }

            var district = r.VisitAddress!.District;
            r.Dispatch(staff.For(district, category, _random), Window(), agent, _at);
            if (g.Chance(0.04))
            {
                var start = r.AppointmentStart!.Value;
                var redispatchAt = _at + TimeSpan.FromTicks((long)((start - _at).Ticks * _random.NextDouble() * 0.8));
                if (!Step(redispatchAt - _at))
                {
                    return false;
                }

                r.Dispatch(staff.For(district, category, _random), Window(), agent, _at, SampleText.RedispatchReason(_random));
            }

            if (stopAt == RequestStatus.Scheduled)
            {
                return false;
            }

            if (g.Chance(0.01))
            {
                if (Step(Minutes(60, 24 * 60)))
                {
                    r.Cancel(SampleText.CancelReason(byCustomer: false, _random), byCustomer: false, agent, _at);
                }

                return false;
            }

            var technician = Technician();
            var visitStart = r.AppointmentStart!.Value.AddMinutes(_random.Next(-10, 60));
            if (!Step(visitStart - _at))
            {
                return false;
            }

            r.StartVisit(technician, _at);
            if (stopAt == RequestStatus.InProgress)
            {
                return false;
            }

            if (!Step(r.IsEmergency ? Minutes(30, 180) : Minutes(40, 240)))
            {
                return false;
            }

            // Filing the work report is the completion (the timeline shows WorkReportFiled), then the desk bills it.
            var report = g.FileReport(r, product, customerIndex, category, technician, _at);
            g.Bill(r, report, _invoices, agent, _at);
            if (r.IsEmergency)
            {
                if (stopAt == RequestStatus.Completed || !Step(Minutes(120, 72 * 60)))
                {
                    return false;
                }

                r.RecordIncidentReview(SampleText.RootCause(_random), SampleText.Prevention(_random), agent, _at);
            }

            return true;
        }

        /// <summary>The customer reports it is not fixed; the request stops there (the backlog's Reopened state).</summary>
        private bool Reopen()
        {
            if (Step(Minutes(24 * 60, 20 * 24 * 60)))
            {
                r.Reopen(SampleText.ReopenReason(_random), customer, _at);
            }

            return false;
        }

        private void Close()
        {
            var completed = r.CompletedAt!.Value;
            var late = completed > r.CompletionDueAt;
            if (g.Chance(0.75))
            {
                if (!Step(Minutes(60, 6 * 24 * 60)))
                {
                    return;
                }

                var rating = late
                    ? g.Weighted([(5, 35), (4, 30), (3, 15), (2, 12), (1, 8)], x => x.Item2).Item1
                    : g.Weighted([(5, 60), (4, 24), (3, 8), (2, 5), (1, 3)], x => x.Item2).Item1;
                r.ConfirmAndRate(rating, SampleText.RatingComment(rating, _random), customer, _at);
                g.FollowUpRating(r, agent, _at);
            }
            else
            {
                var autoClose = completed + ServiceRequest.AutoCloseAfter + TimeSpan.FromMinutes(_random.Next(0, 60));
                if (!Step(autoClose > _at ? autoClose - _at : TimeSpan.FromMinutes(1)))
                {
                    return;
                }

                r.AutoClose(_at);
            }

            // Rework: a small share comes back within 30 days, is visited again and closes again.
            if (r.Type is not (RequestType.UsageQuestion or RequestType.InstallationGuidance) && r.VisitAddress is not null && g.Chance(0.02))
            {
                var reopenAt = _at + Minutes(60, 10 * 24 * 60);
                if (reopenAt <= completed + ServiceRequest.ReopenWithin && Step(reopenAt - _at))
                {
                    r.Reopen(SampleText.ReopenReason(_random), customer, _at);
                    if (Visit(stopAt: null))
                    {
                        Close();
                    }
                }
            }
        }

        private RequestActor Technician() => r.TechnicianId is { } id
            ? staff.Actor(id)
            : agent;

        /// <summary>An appointment: for an emergency within the next two hours; otherwise a daytime slot in the coming days.</summary>
        private AppointmentWindow Window()
        {
            if (r.IsEmergency)
            {
                var soon = RoundUp(_at.AddMinutes(_random.Next(30, 120)), 30);
                return new AppointmentWindow(soon, soon.AddHours(2));
            }

            var start = _at.AddHours(g.Chance(0.9) ? _random.Next(2, 40) : _random.Next(40, 100));
            var local = TimeZoneInfo.ConvertTimeFromUtc(start, g._zone);
            var day = DateOnly.FromDateTime(local);
            var hour = local.Hour;
            if (hour < 9)
            {
                hour = 9;
            }
            else if (hour > 16)
            {
                day = day.AddDays(1);
                hour = 9 + _random.Next(0, 4);
            }

            var startUtc = g.LocalToUtc(day, hour * 60);
            if (startUtc < _at)
            {
                startUtc = RoundUp(_at.AddHours(1), 60);
            }

            return new AppointmentWindow(startUtc, startUtc.AddHours(_random.Next(2, 5)));
        }

        private TimeSpan ResponseDelay()
        {
            if (r.IsEmergency)
            {
                return g.Chance(0.95) ? Minutes(5, 100) : Minutes(121, 300);
            }

            var bucket = _random.NextDouble();
            return bucket < 0.7 ? Minutes(5, 4 * 60) : bucket < 0.96 ? Minutes(4 * 60, 23 * 60) : Minutes(24 * 60 + 5, 48 * 60);
        }

        private TimeSpan Minutes(int min, int max) => TimeSpan.FromMinutes(_random.Next(min, max)).Add(TimeSpan.FromSeconds(_random.Next(60)));

        /// <summary>
        /// Moves the clock on, first letting the escalation job report any deadline missed on the way (it runs every
        /// minute). False when the step would pass "now": the request stays where it is.
        /// </summary>
        private bool Step(TimeSpan delay)
        {
            var next = _at + (delay > TimeSpan.Zero ? delay : TimeSpan.FromSeconds(1));
            Escalate(next);
            if (next > g._now)
            {
                return false;
            }

            _at = next;
            return true;
        }

        private void Stop() => Escalate(g._now);

        private void Escalate(DateTime until)
        {
            if (!r.IsOpen)
            {
                return;
            }

            var response = r.ResponseDueAt.AddMinutes(1);
            if (r.RespondedAt is null && r.ResponseEscalatedAt is null && response < until && response <= g._now && response > _at)
            {
                r.EscalateResponseIfOverdue(response);
                _at = response;
            }

            var completion = r.CompletionDueAt.AddMinutes(1);
            if (r.CompletedAt is null && r.CompletionEscalatedAt is null && completion < until && completion <= g._now && completion > _at)
            {
                r.EscalateCompletionIfOverdue(completion);
                _at = completion;
            }
        }

        private static DateTime RoundUp(DateTime value, int minutes)
        {
            var step = TimeSpan.FromMinutes(minutes).Ticks;
            return new DateTime((value.Ticks + step - 1) / step * step, DateTimeKind.Utc);
        }
    }
}
