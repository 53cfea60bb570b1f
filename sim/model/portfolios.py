"""The archive as the model keeps it: every customer, and which manager owns each file.

The paper gives every customer one responsible customer manager, chosen by
service branch and business scope. This part files new customers with the
least loaded manager covering their segment, hands files over, and counts how
many live customers each manager holds (lost customers no longer count).
"""

from __future__ import annotations

from sim.model.customer import Customer
from sim.model.streams import Stream


class Portfolios:
    """Every customer of a run and each manager's files.

    Args:
        seed: Root seed of the customers' streams.
        segment_codes: ``(branch code, scope code)`` of each segment.
        coverage: Managers covering each segment.
        managers: Number of manager posts.
    """

    def __init__(
        self,
        seed: int,
        segment_codes: tuple[tuple[int, int], ...],
        coverage: tuple[tuple[int, ...], ...],
        managers: int,
    ) -> None:
        self.seed = seed
        self.segment_codes = segment_codes
        self.coverage = coverage
        self.managers = managers
        self.customers: list[Customer] = []
        self.load = [0] * managers
        self.files: list[list[Customer]] = [[] for _ in range(managers)]

    def least_loaded(self, candidates: tuple[int, ...] | list[int]) -> int:
        """The candidate holding the fewest live customers (the lowest post number on a tie)."""
        load = self.load
        return min(candidates, key=lambda m: (load[m], m))

    def file(self, segment: int, created: float, stream_index: tuple[int, ...], manager: int | None = None) -> Customer:
        """Open a customer's file with its random streams and give it to a manager.

        Args:
            segment: The customer's segment.
            created: Day the file is opened.
            stream_index: Up to three integers naming the customer's streams (stable across policies).
            manager: The responsible manager; the least loaded covering the segment when None.
        """
        branch, scope = self.segment_codes[segment]
        if manager is None:
            manager = self.least_loaded(self.coverage[segment])
        self.load[manager] += 1
        customer = Customer(
            customer_id=len(self.customers),
            segment=segment,
            branch=branch,
            scope=scope,
            manager=manager,
            life=Stream(self.seed, "customer-life", *stream_index),
            visits=Stream(self.seed, "customer-visits", *stream_index),
            created=created,
        )
        self.customers.append(customer)
        self.files[manager].append(customer)
        return customer

    def hand_over(self, customer: Customer, manager: int) -> None:
        """Move a customer's file to another manager (a pending visit follows at its next request)."""
        self.load[customer.manager] -= 1
        self.files[customer.manager].remove(customer)
        customer.manager = manager
        self.load[manager] += 1
        self.files[manager].append(customer)

    def lose(self, customer: Customer) -> None:
        """A customer is lost for good: it no longer counts in its manager's load."""
        self.load[customer.manager] -= 1
