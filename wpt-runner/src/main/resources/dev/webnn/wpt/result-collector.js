/*
 * webnn-java's testharnessreport.js: loaded right after testharness.js, it hands results to the Java runner.
 *
 * Outside a browser testharness.js runs its ShellTestEnvironment, which has no load event and no default timeout.
 * So, like wptserve's worker wrappers, this file asks for explicit_done and the runner calls
 * __webnnScriptsLoaded() (which calls done()) after the test's scripts ran, unless the test asked for
 * explicit_done itself. The timeout is the runner's: __webnnStartTimeout(ms) arms a timer that calls the
 * harness's timeout(), as testharness.js does in a browser.
 *
 * Java-side functions: __webnnReport(json) once on completion, __webnnTestSeen(index, name) when a test is
 * registered, __webnnResult(json) as each test gets its result.
 */
(function (global) {
    'use strict';
    var report = global.__webnnReport;
    var seen = global.__webnnTestSeen;
    var result = global.__webnnResult;
    var TEST_STATUSES = ['PASS', 'FAIL', 'TIMEOUT', 'NOTRUN', 'PRECONDITION_FAILED'];
    var HARNESS_STATUSES = ['OK', 'ERROR', 'TIMEOUT', 'PRECONDITION_FAILED'];
    var testOwnsDone = false;
    var allowUncaught = false;
    var timedOut = false;
    var known = [];

    // Test and TestsStatus objects carry testharness's numeric constants (Test.statuses, TestsStatus.statuses).
    function statusName(obj, names) {
        for (var i = 0; i < names.length; i++) {
            if (obj[names[i]] === obj.status) {
                return names[i];
            }
        }
        return obj.status === null || obj.status === undefined ? null : String(obj.status);
    }

    function text(v) {
        return v === null || v === undefined ? null : String(v);
    }

    function clone(test) {
        return {
            index: test.index,
            name: String(test.name),
            status: statusName(test, TEST_STATUSES),
            message: text(test.message),
            stack: text(test.stack)
        };
    }

    setup({explicit_timeout: true, explicit_done: true});

    var harnessSetup = global.setup;
    global.setup = function (funcOrProperties, maybeProperties) {
        var properties = typeof funcOrProperties === 'function' ? maybeProperties : funcOrProperties;
        if (properties && properties.explicit_done) {
            testOwnsDone = true;
        }
        if (properties && properties.allow_uncaught_exception) {
            allowUncaught = true;
        }
        return harnessSetup.apply(this, arguments);
    };

    add_test_state_callback(function (test) {
        if (!test.__webnnSeen) {
            test.__webnnSeen = true;
            known.push(test);
            if (seen) {
                seen(test.index, String(test.name));
            }
        }
    });

    add_result_callback(function (test) {
        if (result) {
            result(JSON.stringify(clone(test)));
        }
    });

    add_completion_callback(function (tests, harnessStatus) {
        var out = {
            status: statusName(harnessStatus, HARNESS_STATUSES),
            message: text(harnessStatus.message),
            stack: text(harnessStatus.stack),
            allow_uncaught_exception: allowUncaught,
            tests: []
        };
        for (var i = 0; i < tests.length; i++) {
            var t = clone(tests[i]);
            if (timedOut && tests[i].__webnnUnfinished && t.status === 'NOTRUN') {
                t.status = 'TIMEOUT';
                t.message = tests[i].__webnnStarted ? 'Test timed out' : 'Test timed out (it never started)';
            }
            out.tests.push(t);
        }
        report(JSON.stringify(out));
    });

    global.__webnnScriptsLoaded = function () {
        // A service worker's harness starts at 'install', which a browser fires once the scripts ran.
        if (typeof ServiceWorkerGlobalScope === 'function' && global instanceof ServiceWorkerGlobalScope) {
            global.dispatchEvent(new Event('install'));
        }
        if (!testOwnsDone) {
            done();
        }
    };

    global.__webnnHarnessTimeout = function () {
        if (timedOut) {
            return;
        }
        timedOut = true;
        for (var i = 0; i < known.length; i++) {
            var t = known[i];
            if (t.phase < t.phases.HAS_RESULT) {
                t.__webnnUnfinished = true;
                t.__webnnStarted = t.phase >= t.phases.STARTED;
            }
        }
        timeout();
    };

    global.__webnnStartTimeout = function (ms) {
        setTimeout(global.__webnnHarnessTimeout, ms);
    };
})(self);
