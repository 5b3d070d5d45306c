"""The news desk: which stories a bulletin tells, once each, and in what order.

Between reading and the script: stories already told in an earlier episode (`history`), too old
to be news (`age`), reported by several outlets (`duplicates`), off topic (`topics`), and the
running order with its length (`order`); `choose` runs them in that order and says why each story
left out was left out.
"""
