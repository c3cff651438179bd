pytest_plugins = ["casereview.testing.fixtures"]
