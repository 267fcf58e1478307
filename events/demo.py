def build_event_demo(demo):
    pass
